import { pixelScript } from "@/server/conversions/handle-pixel";

export const dynamic = "force-dynamic";

export const GET = pixelScript;
