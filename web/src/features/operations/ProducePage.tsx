// PLACEHOLDER: replaced by the real screen
export function ProducePage() {
  return <p>ProducePage</p>;
}
