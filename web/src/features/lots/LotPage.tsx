// PLACEHOLDER: replaced by the real screen
export function LotPage() {
  return <p>LotPage</p>;
}
