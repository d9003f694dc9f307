// PLACEHOLDER: replaced by the real screen
export function TracePage() {
  return <p>TracePage</p>;
}
