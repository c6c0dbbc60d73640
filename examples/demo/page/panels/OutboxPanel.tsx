import { useEffect, useState } from 'preact/hooks';
import { api, type OutboxMessage } from '../api.ts';
import { describeError, timeOf } from '../format.ts';
import { Section, Table } from '../ui.tsx';

const POLL_MS = 1500;

/** The codes the emulator "sent", newest first, so nobody needs a real inbox or phone. */
export function OutboxPanel() {
  const [messages, setMessages] = useState<OutboxMessage[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const next = await api.outbox();
        if (stopped) return;
        setMessages(next);
        setProblem(null);
      } catch (error) {
        if (!stopped) setProblem(describeError(error));
      }
    };
    void poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);

  return (
    <Section title="Emulator outbox">
      {problem && <p class="hint">Outbox unavailable: {problem}</p>}
      <Table
        columns={['To', 'Channel', 'Code', 'Sent']}
        empty="Nothing sent yet"
        rows={messages.slice(0, 20).map((m) => (
          <tr key={`${m.sentAt}-${m.code}-${m.to}`}>
            <td>{m.to}</td>
            <td>{m.channel}</td>
            <td>
              <code class="code">{m.code}</code>
            </td>
            <td>{timeOf(m.sentAt)}</td>
          </tr>
        ))}
      />
    </Section>
  );
}
