// PLACEHOLDER: replaced by the real screen
export function RecallWizardPage() {
  return <p>RecallWizardPage</p>;
}
