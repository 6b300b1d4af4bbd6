"""English texts, keyed by the French template they translate (see i18n.py)."""

ENGLISH: dict[str, str] = {
    # words and labels
    " ou ": " or ",
    "1, 2 ou 3": "1, 2 or 3",
    "un nombre de mois": "a number of months",
    "un nombre de processus": "a number of processes",
    "valeur vide": "empty value",
    "possible": "possible",
    "impossible": "not possible",
    "contrats": "contracts",
    "Attention :": "Warning:",
    "Période": "Period",
    "Année": "Year",
    "Âge": "Age",
    "Taux": "Rate",
    "Base": "Base",
    "Base mensuelle": "Monthly base",
    "Brut": "Gross",
    "Brut mensuel": "Monthly gross",
    "Ligne": "Line",
    "Du": "From",
    "Au": "To",
    "du": "of",
    "Légale": "Legal",
    "Écart": "Difference",
    "Année de contrat": "Contract year",
    "Depuis le": "Since",
    "Horaire": "Hourly",
    "Mensuel": "Monthly",
    "Texte": "Legal text",
    "Total contrat": "Contract total",
    "Total année {year}": "Total year {year}",
    "année {year}": "year {year}",
    "1re année": "Year 1",
    "2e année": "Year 2",
    "3e année": "Year 3",
    "< 18 ans": "under 18",
    "18-20 ans": "18-20",
    "21-25 ans": "21-25",
    "26 ans et +": "26 and over",
    "grille légale": "legal grid",
    "grille SSSMS": "SSSMS grid",
    "grille de la branche SSSMS": "grid of the SSSMS branch",
    "métropole": "mainland France",
    "Mayotte": "Mayotte",
    "année de contrat": "contract year",
    "tranche d'âge": "age bracket",
    "revalorisation du SMIC": "SMIC revaluation",
    "base de calcul": "base of the rate",
    "Aide au permis de conduire B": "Driving-licence aid (B licence)",
    # spreadsheet
    "Échéancier": "Schedule",
    "Totaux": "Totals",
    "Entrées et sources": "Inputs and sources",
    "Comparaison": "Comparison",
    "Mois": "Month",
    "Tranche d'âge": "Age bracket",
    "Jours": "Days",
    "Taux mensuel": "Monthly rate",
    "Projection": "Projected",
    "Rubrique": "Item",
    "Valeur": "Value",
    "Détail": "Detail",
    "Date de naissance": "Date of birth",
    "Début du contrat": "Contract start",
    "Fin du contrat": "Contract end",
    "Grille": "Grid",
    "SMC mensuel": "Monthly SMC",
    "aucun": "none",
    "Territoire": "Territory",
    "Année du cycle au début": "Cycle year at the start",
    "Attention": "Warning",
    "Source": "Source",
    "oui": "yes",
    "non": "no",
    "Année de contrat {year}": "Contract year {year}",
    "Année civile {year}": "Calendar year {year}",
    "Total du contrat": "Contract total",
    "Total": "Total",
    "Demande possible": "Request",
    "Données vérifiées jusqu'au": "Data verified through",
    # data (grids.toml)
    "La branche SSSMS ne publie pas de ligne « moins de 18 ans » : la ligne de la grille "
    "légale s'applique (27 / 39 / 55 %).": "The SSSMS branch publishes no under-18 row: the "
    "legal grid's row applies (27 / 39 / 55 %).",
    # views
    "Salaire minimum brut · né(e) le {birth} · {grid} · {territory}": "Minimum gross pay · born "
    "{birth} · {grid} · {territory}",
    "Contrat du {start} au {end}": "Contract from {start} to {end}",
    " · débute en {year}e année du cycle": " · starts in year {year} of the training cycle",
    "Années de contrat : ": "Contract years: ",
    "{year} du {start} au {end}": "{year} from {start} to {end}",
    "Par année civile : ": "Per calendar year: ",
    "{year} : {amount}": "{year}: {amount}",
    "{name} ({amount}) : {status} · {reason}": "{name} ({amount}): {status} · {reason}",
    "{label} : {before} → {after}": "{label}: {before} → {after}",
    "* projection : SMIC inconnu après le {day}": "* projection: SMIC unknown after {day}",
    "Changements de taux pendant le contrat": "Rate changes during the contract",
    "aucun : le même taux s'applique du début à la fin": "none: the same rate applies from "
    "start to end",
    "taux mensuel {before} → {after}": "monthly rate {before} → {after}",
    "Grille légale et grille SSSMS · né(e) le {birth}": "Legal grid and SSSMS grid · born {birth}",
    "{name} au {day} · SMIC mensuel {smic}": "{name} on {day} · monthly SMIC {smic}",
    "² du SMIC, ou du salaire minimum conventionnel (SMC) s'il est supérieur": "² of the SMIC, "
    "or of the salaire minimum conventionnel (SMC) when higher",
    "Source : {title}": "Source: {title}",
    "SMIC au {day} : projection au dernier SMIC connu": "SMIC on {day}: projected at the last "
    "known SMIC",
    "SMIC brut ({where})": "Gross SMIC ({where})",
    "SMIC brut ({where}) au {day} : {hourly} de l'heure, {monthly} par mois (35 h), en vigueur "
    "depuis le {since}": "Gross SMIC ({where}) on {day}: {hourly} an hour, {monthly} a month "
    "(35 h), in force since {since}",
    "Texte : {title}": "Legal text: {title}",
    "données vérifiées jusqu'au {verified} : au {day}, c'est une projection au dernier SMIC "
    "connu": "data verified through {verified}: on {day}, this is a projection at the last "
    "known SMIC",
    "Mensuel = horaire × 35 × 52 / 12, arrondi au centime. Données vérifiées jusqu'au {day}.": (
        "Monthly = hourly × 35 × 52 / 12, rounded to the cent. Data verified through {day}."
    ),
    "Rémunération (Cerfa FA13) · né(e) le {birth} · {grid}": "Pay (Cerfa FA13 form) · born "
    "{birth} · {grid}",
    "Montants au SMIC en vigueur au début du contrat ({day} : {smic} par mois)": "Amounts at "
    "the SMIC in force at the start of the contract ({day}: {smic} a month)",
    "Salaire brut mensuel": "Monthly gross pay",
    "(barre la plus longue : {amount})": "(longest bar: {amount})",
    "◆ changement de taux (détail : --explain) · ▒ projection au dernier SMIC connu": "◆ rate "
    "change (details: --explain) · ▒ projected at the last known SMIC",
    # errors and warnings
    "Erreur : {message}": "Error: {message}",
    "fichier de données invalide : {error}": "invalid data file: {error}",
    "{field} : valeur vide, une date est attendue (2005-05-10 ou 10/05/2005)": "{field}: empty "
    "value, a date is expected (2005-05-10 or 10/05/2005)",
    "{field} : « {value} » n'est pas une date (attendu 2005-05-10 ou 10/05/2005)": "{field}: "
    "“{value}” is not a date (expected 2005-05-10 or 10/05/2005)",
    "{field} : « {value} » n'existe pas dans le calendrier": "{field}: “{value}” does not exist "
    "in the calendar",
    "{field} : valeur vide, un montant en euros est attendu (2100,50)": "{field}: empty value, "
    "an amount in euros is expected (2100.50)",
    "{field} : « {value} » n'est pas un montant (attendu 2100,50)": "{field}: “{value}” is not "
    "an amount (expected 2100.50)",
    "{field} : « {value} » n'est pas un montant": "{field}: “{value}” is not an amount",
    "{field} : {value} €, un montant strictement positif est attendu": "{field}: {value} €, an "
    "amount above zero is expected",
    "{field} : « {value} » n'est pas {expected}": "{field}: “{value}” is not {expected}",
    "{field} : « {value} » inconnu, choisir {choices}": "{field}: “{value}” unknown, choose "
    "{choices}",
    "grille inconnue « {grid} » : choisir general ou sssms": "unknown grid “{grid}”: choose "
    "general or sssms",
    "territoire inconnu « {territory} » : choisir metropole ou mayotte": "unknown territory "
    "“{territory}”: choose metropole or mayotte",
    "année du cycle de départ {year} : choisir 1, 2 ou 3": "cycle start year {year}: choose 1, "
    "2 or 3",
    "SMC {smc} : un montant mensuel brut positif est attendu": "SMC {smc}: a positive gross "
    "monthly amount is expected",
    "SMC {smc} : un montant en euros a au plus deux décimales": "SMC {smc}: an amount in euros "
    "has at most two decimals",
    "donner la fin du contrat ou sa durée en mois, pas les deux": "give the end of the contract "
    "or its length in months, not both",
    "durée de {months} mois : un nombre de mois positif est attendu": "length of {months} "
    "months: a positive number of months is expected",
    "début du contrat le {start} : les contrats conclus avant le 01/01/2019 relevaient d'une "
    "autre grille, non prise en charge": "contract starting on {start}: contracts concluded "
    "before 01/01/2019 had another grid, not supported",
    "début du contrat le {start} : SMIC de {territory} inconnu avant le {first}": "contract "
    "starting on {start}: SMIC of {territory} unknown before {first}",
    "la fin du contrat ({end}) précède son début ({start})": "the end of the contract ({end}) "
    "is before its start ({start})",
    "date de naissance ({birth}) postérieure au début du contrat ({start})": "date of birth "
    "({birth}) after the start of the contract ({start})",
    "contrat du {start} au {end} : plus de 4 ans, la durée maximale (fin au plus tard le "
    "{longest})": "contract from {start} to {end}: more than 4 years, the longest allowed "
    "(end on {longest} at the latest)",
    "{age} ans au début du contrat : avant 16 ans, l'apprentissage n'est ouvert que par "
    "exception (15 ans ayant terminé la classe de 3e, art. L6222-1) ; payé comme un moins de "
    "18 ans": "{age} years old at the start: under 16, apprenticeship is open only by "
    "exception (15-year-olds who finished the classe de 3e, art. L6222-1); paid as under 18",
    "{age} ans au début du contrat : au-delà de 29 ans, l'apprentissage n'est ouvert que par "
    "exception (RQTH, projet de création d'entreprise, sportif de haut niveau…, art. L6222-2)": (
        "{age} years old at the start: over 29, apprenticeship is open only by exception "
        "(RQTH, business creation project, top-level athlete…, art. L6222-2)"
    ),
    "contrat de moins de 6 mois : en dessous de la durée minimale (art. L6222-7-1), sauf "
    "exceptions prévues par l'art. L6222-12-1": "contract shorter than 6 months: below the "
    "minimum length (art. L6222-7-1), save the exceptions of art. L6222-12-1",
    "contrat de plus de 3 ans : possible seulement pour un apprenti reconnu travailleur "
    "handicapé (RQTH, jusqu'à 4 ans) ; au-delà de la 3e année, le taux de la 3e année est "
    "appliqué": "contract longer than 3 years: possible only for an apprentice with a "
    "recognised disability (RQTH, up to 4 years); beyond year 3, the year-3 rate applies",
    "SMC sans effet : il n'est retenu qu'à partir de 21 ans et seulement s'il dépasse le SMIC, "
    "ce qui n'arrive à aucun moment de ce contrat": "SMC without effect: it counts only from "
    "21 years old and only when above the SMIC, which never happens in this contract",
    "données vérifiées jusqu'au {verified} : les mois suivants sont des projections au dernier "
    "SMIC connu ({hourly} €/h depuis le {since})": "data verified through {verified}: later "
    "months are projections at the last known SMIC ({hourly} €/h since {since})",
    "demande possible du {first} au {last} : apprenti d'au moins {age} ans, contrat en cours, "
    "demande faite au plus tard le {deadline}": "could be requested from {first} to {last}: "
    "apprentice aged {age} or more, contract in progress, request made by {deadline}",
    "contrat commencé après la fin de l'aide (demandes possibles jusqu'au {deadline})": (
        "contract started after the aid ended (requests possible until {deadline})"
    ),
    "contrat terminé avant la création de l'aide ({first})": "contract ended before the aid "
    "existed ({first})",
    "{age} ans le {birthday}, après la fin du contrat": "{age} years old on {birthday}, after "
    "the end of the contract",
    "{age} ans le {birthday}, après la fin de l'aide (demandes possibles jusqu'au {deadline})": (
        "{age} years old on {birthday}, after the aid ended (requests possible until {deadline})"
    ),
    "--at : aucun SMIC connu pour {territory} le {day} (données à partir du {first})": "--at: "
    "no SMIC known for {territory} on {day} (data from {first})",
    "--at : {day}, les contrats conclus avant le 01/01/2019 relevaient d'une autre grille, non "
    "prise en charge": "--at: {day}, contracts concluded before 01/01/2019 had another grid, "
    "not supported",
    "--format xlsx : le fichier est à donner avec -o FICHIER.xlsx": "--format xlsx: give the "
    "file with -o FILE.xlsx",
    "-o : pour un tableau, utiliser --svg ou --html (ou choisir --format)": "-o: for a table, "
    "use --svg or --html (or choose --format)",
    "{option} : {path} impossible à écrire ({error})": "{option}: cannot write {path} ({error})",
    "--workers : {count}, au moins 1 processus est attendu": "--workers: {count}, at least 1 "
    "process is expected",
    "INPUT : {path} introuvable": "INPUT: {path} not found",
    "INPUT : {path} est un dossier, un fichier est attendu": "INPUT: {path} is a folder, a file "
    "is expected",
    "INPUT : {path} illisible ({error})": "INPUT: cannot read {path} ({error})",
    "Attention : {count} enregistrement(s) reprennent un id déjà vu (traités quand même)": (
        "Warning: {count} record(s) repeat an id already seen (computed all the same)"
    ),
    "fichier vide : une ligne d'en-tête est attendue (id,birth_date,…)": "empty file: a header "
    "line is expected (id,birth_date,…)",
    "en-tête illisible : octets non UTF-8 (le fichier doit être en UTF-8)": "unreadable header: "
    "bytes that are not UTF-8 (the file must be UTF-8)",
    "colonnes inconnues : {unknown} (colonnes possibles : {known})": "unknown columns: "
    "{unknown} (possible columns: {known})",
    "colonnes obligatoires absentes : {names}": "required columns missing: {names}",
    "colonnes en double : {names}": "columns given twice: {names}",
    "ligne {line}": "line {line}",
    "lignes {first} à {last}": "lines {first} to {last}",
    "{where} : CSV mal formé ({error})": "{where}: malformed CSV ({error})",
    "ligne {line} : octets non UTF-8 (le fichier doit être en UTF-8)": "line {line}: bytes that "
    "are not UTF-8 (the file must be UTF-8)",
    "ligne {line} : {count} champs au lieu de {expected}": "line {line}: {count} fields instead "
    "of {expected}",
    "ligne {line} : JSON invalide ({error})": "line {line}: invalid JSON ({error})",
    "ligne {line} : un objet JSON est attendu": "line {line}: a JSON object is expected",
    "ligne {line} : clés inconnues : {keys}": "line {line}: unknown keys: {keys}",
    "ligne {line} : {keys} : un texte ou un nombre est attendu": "line {line}: {keys}: a text or "
    "a number is expected",
    "id : valeur vide, un identifiant est attendu": "id: empty value, an identifier is expected",
}
