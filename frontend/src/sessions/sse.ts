// Reading a `text/event-stream` by hand: EventSource cannot send the bearer token.

export type ServerEvent = { event: string; data: string }

/**
 * Feeds chunks of a stream, hands back the complete events (separated by a blank line).
 * A `data:` field may span several lines (joined with "\n"); comments (`:`) and unknown
 * fields are skipped; an event without data is dropped, as EventSource does.
 */
export class EventStreamParser {
  private buffer = ''

  push(chunk: string): ServerEvent[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n')
    const events: ServerEvent[] = []
    let end = this.buffer.indexOf('\n\n')
    while (end >= 0) {
      const block = this.buffer.slice(0, end)
      this.buffer = this.buffer.slice(end + 2)
      const event = parseBlock(block)
      if (event) events.push(event)
      end = this.buffer.indexOf('\n\n')
    }
    return events
  }
}

function parseBlock(block: string): ServerEvent | null {
  let event = 'message'
  const data: string[] = []
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    let value = colon < 0 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'event') event = value
    else if (field === 'data') data.push(value)
  }
  return data.length === 0 ? null : { event, data: data.join('\n') }
}
