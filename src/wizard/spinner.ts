// A tiny spinner on stderr while something slow runs (the hardware probe). Only
// on a terminal; elsewhere nothing is drawn.
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const INTERVAL_MS = 80;
const CLEAR_LINE = '\r\u001b[2K';

export async function withSpinner<T>(
  text: string,
  work: () => Promise<T>,
  stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'> = process.stderr,
): Promise<T> {
  if (!stream.isTTY || process.env.TERM === 'dumb') return work();
  let frame = 0;
  const draw = () => stream.write(`${CLEAR_LINE}${FRAMES[frame++ % FRAMES.length]} ${text}`);
  draw();
  const timer = setInterval(draw, INTERVAL_MS);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
    stream.write(CLEAR_LINE);
  }
}
