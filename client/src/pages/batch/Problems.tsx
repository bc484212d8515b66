import { Alert } from 'tdesign-react';

/** A list of problems in words (local checks or the server's 1001 data); nothing when empty. */
export default function Problems({ title, problems, theme = 'error' }: { title: string; problems: string[]; theme?: 'error' | 'warning' }) {
  if (!problems.length) return null;
  return (
    <Alert
      theme={theme}
      className="batch-problems"
      style={{ marginTop: 12 }}
      message={
        <div role="alert">
          <div>{title}</div>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      }
    />
  );
}
