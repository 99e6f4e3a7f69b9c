// Binding the HTTP server, turning "port in use" and friends into one readable error.
import type { Server } from "node:http";

export class ConfigError extends Error {}

export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (error.code === "EADDRINUSE") reject(new ConfigError(`port ${port} on ${host} is already in use (stop the other server or set PORT)`));
      else if (error.code === "EACCES") reject(new ConfigError(`not allowed to listen on port ${port} (choose a PORT above 1024)`));
      else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") reject(new ConfigError(`cannot listen on host ${host}`));
      else reject(error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
  const address = server.address();
  return typeof address === "object" && address ? address.port : port;
}
