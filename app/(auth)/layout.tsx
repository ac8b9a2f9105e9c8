export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-slate-50 to-brand-50 px-4 py-12">
      <div className="mb-6 flex items-center gap-2">
        <span className="grid size-9 place-items-center rounded-lg bg-brand-600 text-lg font-bold text-white">T</span>
        <span className="text-xl font-semibold text-slate-900">Touchpoint</span>
      </div>
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm">{children}</div>
    </main>
  );
}
