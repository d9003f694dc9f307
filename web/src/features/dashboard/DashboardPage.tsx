// PLACEHOLDER: replaced by the real screen
export function DashboardPage() {
  return <p>DashboardPage</p>;
}
