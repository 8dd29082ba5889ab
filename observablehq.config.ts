// Observable Framework configuration. The site must build and run with no network: no remote stylesheet
// (the default theme asks a fonts host for Source Serif), no footer timestamp (it would make every build
// differ), and every library imported from node_modules by name in the pages themselves.
export default {
  title: "GIST liver metastases: a reproducible notebook",
  root: "src",
  output: "dist",
  theme: "air",
  globalStylesheets: [],
  // An empty icon: without one the browser asks the server for /favicon.ico and logs a 404.
  head: '<link rel="icon" href="data:,">',
  style: "style.css",
  footer:
    "Reproduction of HPB (Oxford) 2007;9(1):64-70. The patient table is a reconstruction consistent with the published abstract, not the study's records.",
  pages: [
    {name: "Cohort", path: "/cohort"},
    {name: "Survival", path: "/survival"},
    {name: "Recurrence and treatment", path: "/recurrence"},
    {name: "Outcomes of surgery", path: "/outcomes"},
    {name: "Early recurrence vs disease-free for 2 years", path: "/early-vs-late"},
    {name: "Methods", path: "/methods"},
    {name: "Context: other series", path: "/context"},
    {name: "Reconstruction", path: "/reconstruction"},
  ],
  pager: true,
  toc: true,
  search: false,
};
