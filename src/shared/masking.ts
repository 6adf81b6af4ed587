/** 'RE1234590' → 'RE***90', as the guide shows the passport number in the cabinet. */
export function maskDocumentNumber(value: string): string {
  return value.length <= 4 ? '***' : `${value.slice(0, 2)}***${value.slice(-2)}`;
}
