/** The columns the import reads (lib/imports/rows.ts), for the file field's help. */
const COLUMNS: { name: string; meaning: string }[] = [
  { name: 'email', meaning: 'required; in "create and update" mode, an existing account with this email is updated' },
  { name: 'username, firstName, lastName, role, plan', meaning: 'as on the new-user form (names are not case-sensitive)' },
  { name: 'password', meaning: 'a plain password, checked against the password policy' },
  { name: 'passwordHash', meaning: 'bcrypt, argon2id or argon2i PHC, scrypt PHC, or pbkdf2_sha256$… from Django' },
  { name: 'status', meaning: 'active or suspended' },
  { name: 'scopes', meaning: 'separated by spaces or commas, e.g. "user tester"' },
  { name: 'tenants', meaning: 'tenant slugs or ids, each optionally with :admin or :user, e.g. "acme:admin beta"' },
  { name: 'city, country, dateOfBirth, department, phoneLand, phoneMobile, timezone', meaning: 'profile fields' },
  { name: 'vendor, metadata', meaning: 'vendors separated by commas; metadata a JSON object' },
];

export function ImportColumnsHelp() {
  return (
    <details className="mt-2 text-xs text-slate-600">
      <summary className="cursor-pointer font-medium text-indigo-700 hover:underline">Columns the import reads</summary>
      <dl className="mt-2 grid max-w-3xl gap-x-4 gap-y-1 sm:grid-cols-[minmax(0,18rem)_1fr]">
        {COLUMNS.map((column) => (
          <div key={column.name} className="contents">
            <dt>
              <code className="rounded bg-slate-100 px-1 text-slate-800">{column.name}</code>
            </dt>
            <dd>{column.meaning}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2">A row with neither a password nor a hash gets an invitation mail, unless you turn that off below. Other columns are reported and left out.</p>
    </details>
  );
}
