/**
 * A whole number of minutes, typed or stepped with the arrows; `problemId` names the
 * message that explains an invalid value (announced with the field).
 */
export function MinutesInput({
  id,
  min,
  value,
  onChange,
  problemId,
}: {
  id: string
  min: number
  value: string
  onChange: (value: string) => void
  /** Set while the value is invalid. */
  problemId?: string
}) {
  return (
    <input
      id={id}
      type="number"
      min={min}
      step={1}
      inputMode="numeric"
      className="minutes"
      value={value}
      aria-invalid={problemId ? true : undefined}
      aria-describedby={problemId}
      onChange={(e) => onChange(e.target.value)}
    />
  )
}
