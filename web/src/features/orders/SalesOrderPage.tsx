// PLACEHOLDER: replaced by the real screen
export function SalesOrderPage() {
  return <p>SalesOrderPage</p>;
}
