import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives, for tests of the mail the app
 * sends. Optionally appends each mail as a JSON line to a file, so another process (the
 * Playwright workers) can read it; optionally refuses mail, to test retries.
 */

export type ReceivedMail = { from: string; to: string[]; subject: string; text: string; html: string; receivedAt: number };

export type SmtpSink = {
  port: number;
  /** For SMTP_URL. */
  url: string;
  mails: ReceivedMail[];
  /** While true, every message is refused with a temporary error (451). */
  refuse: (on: boolean) => void;
  waitForMail: (match: (mail: ReceivedMail) => boolean, timeoutMs?: number) => Promise<ReceivedMail>;
  stop: () => Promise<void>;
};

export async function startSmtpSink(options: { file?: string } = {}): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  let refusing = false;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    onData(stream, session, callback) {
      if (refusing) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((parsed) => {
          const mail: ReceivedMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            receivedAt: Date.now(),
          };
          mails.push(mail);
          if (options.file) appendFileSync(options.file, JSON.stringify(mail) + '\n');
          callback();
        })
        .catch(callback);
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
  });
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    refuse: (on) => (refusing = on),
    waitForMail: (match, timeoutMs = 10_000) => waitFor(() => mails.find(match), timeoutMs),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Reads the mails a sink in another process wrote to `file`. */
export function readMailFile(file: string): ReceivedMail[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as ReceivedMail);
}

export async function waitFor<T>(find: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Nothing matching arrived within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The first link in a mail's text that points at `path` (such as /reset-password). */
export function linkIn(mail: ReceivedMail, path: string): URL {
  const found = mail.text.match(/https?:\/\/\S+/g)?.map((href) => new URL(href)).find((url) => url.pathname === path);
  if (!found) throw new Error(`No ${path} link in the mail "${mail.subject}":\n${mail.text}`);
  return found;
}
