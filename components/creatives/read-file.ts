/** The chosen file as base64 (without the data: URL prefix), for the upload procedures. */
export function readFileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read"));
    reader.readAsDataURL(file);
  });
}

export const KIND_LABELS = { image: "Image banner", text_link: "Text link", html: "HTML snippet", email: "E-mail swipe" } as const;
export type CreativeKindValue = keyof typeof KIND_LABELS;
