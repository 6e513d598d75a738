// The server's message writer on stdio. vscode-jsonrpc's stream writer writes each message as two
// writes (the header, then, once that write's callback ran, the body), and a keystroke sends two
// messages (its diagnostics and the `cleanrooms/verdict` notification): four pipe writes, each a
// system call that wakes the client. This writer frames messages the same way (Content-Length
// header, UTF-8 JSON body) and writes every message sent in one turn of JavaScript in one write.
import {
  AbstractMessageWriter,
  type Message,
  type MessageWriter,
} from 'vscode-languageserver/node';

export class BatchedWriter extends AbstractMessageWriter implements MessageWriter {
  private chunks: Buffer[] = [];
  private sent: Array<{ msg: Message; done: (error?: Error | null) => void }> = [];
  private errorCount = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (error: Error) => this.fireError(error));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.chunks.push(Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii'), body);
    // The first message of a turn schedules the write; the others sent in the same turn join it.
    if (this.sent.length === 0) queueMicrotask(() => this.flush());
    return new Promise((resolve, reject) =>
      this.sent.push({ msg, done: (error) => (error ? reject(error) : resolve()) }),
    );
  }

  private flush(): void {
    const data = Buffer.concat(this.chunks);
    const sent = this.sent;
    this.chunks = [];
    this.sent = [];
    this.out.write(data, (error?: Error | null) => {
      if (error) {
        for (const { msg } of sent) this.fireError(error, msg, ++this.errorCount);
      } else this.errorCount = 0;
      for (const { done } of sent) done(error);
    });
  }

  end(): void {
    this.out.end();
  }
}
