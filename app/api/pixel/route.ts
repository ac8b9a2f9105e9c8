import { handlePixel } from "@/server/conversions/handle-pixel";
import { unlessDbDown } from "@/server/http/unavailable";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => unlessDbDown(() => handlePixel(request));
