// The notice every page that shows the patient data carries.

export function reconstructionNotice(extra = ""): HTMLDivElement {
  const div = document.createElement("div");
  div.className = "reconstruction-notice";
  div.setAttribute("role", "note");
  const strong = document.createElement("strong");
  strong.textContent = "Reconstructed data. ";
  const a = document.createElement("a");
  a.href = "./reconstruction";
  a.textContent = "how it was made and what else is possible";
  div.append(
    strong,
    "Only the paper's abstract is public. The patient table here is one table consistent with every figure the abstract reports, not the study's records (",
    a,
    `).${extra ? " " + extra : ""}`
  );
  return div;
}
