// PLACEHOLDER: replaced by the real screen
export function WastePage() {
  return <p>WastePage</p>;
}
