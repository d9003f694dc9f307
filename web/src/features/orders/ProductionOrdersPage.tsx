// PLACEHOLDER: replaced by the real screen
export function ProductionOrdersPage() {
  return <p>ProductionOrdersPage</p>;
}
