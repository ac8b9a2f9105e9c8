import type { Metadata } from "next";
import { SignupForm } from "@/components/auth/signup-form";

export const metadata: Metadata = { title: "Become a partner" };

export default function SignupPage() {
  return <SignupForm />;
}
