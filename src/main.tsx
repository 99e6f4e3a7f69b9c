// Entry point: applies the theme before first paint, resumes the remembered session, mounts the app.
import { render } from "solid-js/web";
import { App } from "./App";
import { resumeSession } from "./app/session";
import { initTheme } from "./app/theme";
import "./styles/theme.css";
import "./styles/app.css";

initTheme();
void resumeSession();
const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
render(() => <App />, root);
