// PLACEHOLDER: replaced by the real screen
export function ReceivePage() {
  return <p>ReceivePage</p>;
}
