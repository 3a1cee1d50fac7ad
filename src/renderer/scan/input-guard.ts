// Keeps scanner keys out of form fields (issue 12 §4: "a scan never types into a focused input on the
// settings screen"). The wedge cannot know the first key of a burst is a scanner's until the second
// arrives a few ms later, by which time the first has typed into the focused field. So the field's
// value is remembered before every key that may start a burst and put back once a burst is confirmed.

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function fieldOf(target: EventTarget | null): Field | null {
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return target;
  if (target instanceof HTMLSelectElement) return target;
  return null;
}

/** Writes a value the way a user edit does, so React's controlled fields see it (onChange fires). */
function setFieldValue(field: Field, value: string): void {
  const proto = Object.getPrototypeOf(field) as object;
  // The prototype's setter with the field as receiver: React tracks values set on the element itself.
  Reflect.set(proto, 'value', value, field);
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

export class InputGuard {
  private saved: { field: Field; value: string } | null = null;

  /** A key that may start a burst (not swallowed): remember the field's value before it types. */
  before(target: EventTarget | null): void {
    const field = fieldOf(target);
    this.saved = field ? { field, value: field.value } : null;
  }

  /** A burst is confirmed: undo what its first key typed. True when a field was restored. */
  burst(): boolean {
    const saved = this.saved;
    this.saved = null;
    if (!saved || saved.field.value === saved.value) return false;
    setFieldValue(saved.field, saved.value);
    return true;
  }

  clear(): void {
    this.saved = null;
  }
}
