export function AccessDenied({ requiredRole }: { requiredRole: string }) {
  return (
    <section className="panel" role="alert">
      <h1>Access denied</h1>
      <p>You do not have access to this page: it needs the {requiredRole} role.</p>
    </section>
  );
}
