/** An honest empty state for pages whose capability has not shipped yet. */
export function NotBuiltYet({ title, what }: { title: string; what: string }) {
  return (
    <section className="panel">
      <h1>{title}</h1>
      <p className="muted">{what}</p>
    </section>
  );
}
