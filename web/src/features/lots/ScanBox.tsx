// PLACEHOLDER: replaced by the real scan box
export function ScanBox() {
  return null;
}
