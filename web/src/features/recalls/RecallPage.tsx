// PLACEHOLDER: replaced by the real screen
export function RecallPage() {
  return <p>RecallPage</p>;
}
