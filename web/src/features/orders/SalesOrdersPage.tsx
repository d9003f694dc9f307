// PLACEHOLDER: replaced by the real screen
export function SalesOrdersPage() {
  return <p>SalesOrdersPage</p>;
}
