import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the server saw it: its envelope recipient and its Message-ID header. */
export interface SmtpAttempt {
  readonly to: string;
  readonly messageId: string;
}

/**
 * A real SMTP server on 127.0.0.1 that records only accepted messages (those
 * answered with 250 after DATA). The first DATA addressed to `victim` is
 * held unanswered, and the test is told which server-side socket carries it:
 * per RFC 5321 such a message is not accepted, whatever happens to the
 * sender afterwards.
 */
export class HoldingSmtpServer {
  readonly accepted: SmtpAttempt[] = [];
  readonly held: SmtpAttempt[] = [];
  private readonly sockets = new Map<number, Socket>();
  private heldAnnounced: ((socket: Socket) => void) | undefined;
  /** Resolves with the socket of the held DATA. */
  victimHeld: Promise<Socket>;
  port = 0;

  private readonly server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const attempt: SmtpAttempt = {
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '(none)',
        };
        const socket = this.sockets.get(session.remotePort);
        if (attempt.to === this.victim && this.held.length === 0 && socket) {
          // No reply: the sender waits for one until its connection goes away.
          this.held.push(attempt);
          this.heldAnnounced?.(socket);
          return;
        }
        this.accepted.push(attempt);
        callback();
      });
    },
  });

  constructor(private readonly victim: string) {
    this.victimHeld = this.reset();
  }

  /** Forgets what was received and holds the victim's first DATA again. */
  reset(): Promise<Socket> {
    this.accepted.length = 0;
    this.held.length = 0;
    this.victimHeld = new Promise<Socket>((resolve) => (this.heldAnnounced = resolve));
    return this.victimHeld;
  }

  async start(): Promise<void> {
    this.server.server.on('connection', (socket: Socket) => {
      if (socket.remotePort !== undefined) this.sockets.set(socket.remotePort, socket);
      socket.on('close', () => {
        if (socket.remotePort !== undefined && this.sockets.get(socket.remotePort) === socket) this.sockets.delete(socket.remotePort);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    for (const socket of this.sockets.values()) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
