/**
 * The shape of a one-time code, shared by the OTP screen (which checks what the
 * person typed) and the background (which checks it again before using it).
 */
export interface OtpFormat {
  length?: number;
  alphanumeric?: boolean;
}

/** Grid's OTP length range, used when the request does not say. */
export const OTP_MAX_LENGTH = 12;

/** The pattern a code must match, from the request's `length` and `alphanumeric`. */
export function otpPattern(format: OtpFormat): RegExp {
  const chars = format.alphanumeric ? '[0-9A-Za-z]' : '[0-9]';
  return new RegExp(`^${chars}{${format.length ?? `4,${OTP_MAX_LENGTH}`}}$`);
}

/** What was typed or pasted, without the spaces and dashes codes are often written with. */
export function normaliseOtp(text: string, format: OtpFormat): string {
  return text.replace(/[\s-]/g, '').slice(0, format.length ?? OTP_MAX_LENGTH);
}
