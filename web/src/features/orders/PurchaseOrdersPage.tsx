// PLACEHOLDER: replaced by the real screen
export function PurchaseOrdersPage() {
  return <p>PurchaseOrdersPage</p>;
}
