// The app (loaded by boot.ts after the first paint): resumes the remembered session and mounts the routes.
import { render } from "solid-js/web";
import { App } from "./App";
import { resumeSession } from "./app/sessionState";

void resumeSession();
const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
render(() => <App />, root);
