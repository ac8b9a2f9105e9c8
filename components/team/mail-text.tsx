/** A message's text part with its links clickable (the dev mailbox is how the demo follows invite and reset links). */
export function MailText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <p className="whitespace-pre-wrap break-words text-sm text-slate-700">
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part} className="text-brand-600 underline">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </p>
  );
}
