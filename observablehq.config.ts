export default {
  title: "probe",
  root: "src",
  globalStylesheets: [],
  footer: "",
  search: false,
};
