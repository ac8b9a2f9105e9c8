import { handlePostback } from "@/server/conversions/handle-postback";

export const dynamic = "force-dynamic";

export const GET = handlePostback;
export const POST = handlePostback;
