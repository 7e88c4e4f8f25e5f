// The floor for `npm run bench` (issue 17): a bare dynamic Next.js page, built and served like the console.
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
