// PLACEHOLDER: replaced by the real screen
export function RecallsPage() {
  return <p>RecallsPage</p>;
}
