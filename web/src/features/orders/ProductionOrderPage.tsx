// PLACEHOLDER: replaced by the real screen
export function ProductionOrderPage() {
  return <p>ProductionOrderPage</p>;
}
