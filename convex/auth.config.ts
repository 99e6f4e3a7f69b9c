// Convex auth: Clerk issues the JWTs (aud "convex"); the issuer domain comes from the deployment's environment at push time.
import type { AuthConfig } from "convex/server";

export default {
  providers: [
    {
      // Read at push time, outside the function runtime: plain process.env is the documented form.
      // eslint-disable-next-line @convex-dev/no-process-env
      domain: process.env.CLERK_JWT_ISSUER_DOMAIN!,
      applicationID: "convex",
    },
  ],
} satisfies AuthConfig;
