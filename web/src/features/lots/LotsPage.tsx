// PLACEHOLDER: replaced by the real screen
export function LotsPage() {
  return <p>LotsPage</p>;
}
