// PLACEHOLDER: replaced by the real screen
export function ExpiryPage() {
  return <p>ExpiryPage</p>;
}
