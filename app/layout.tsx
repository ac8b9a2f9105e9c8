import type { Metadata } from "next";
import { Providers } from "@/components/trpc";
import "./globals.css";

// Every page is rendered per request: proxy.ts gives each one a fresh CSP nonce, which Next.js can only put
// on the scripts of a page it renders for that request (a prerendered page's inline scripts would be blocked).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Touchpoint", template: "%s · Touchpoint" },
  description: "Partner attribution and affiliate management",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
