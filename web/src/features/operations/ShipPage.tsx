// PLACEHOLDER: replaced by the real screen
export function ShipPage() {
  return <p>ShipPage</p>;
}
