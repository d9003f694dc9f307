// PLACEHOLDER: replaced by the real screen
export function PurchaseOrderPage() {
  return <p>PurchaseOrderPage</p>;
}
