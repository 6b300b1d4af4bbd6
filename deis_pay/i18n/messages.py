"""What the edges say: the sentence of every notice and error code, in the current language.

The core returns `Notice` values (code, field, params); the CLI, the renderers, the JSON, CSV
and xlsx writers and the batch turn them into sentences here, and nowhere else. A template is
the French text, translated by `tr` (i18n.py) like every other human text. The field is named
as the caller knows it: `labels` maps a field to the CLI's option (`birth_date` → `--birth`);
without it the field keeps its own name, which is also the batch's column name.

Every code is listed in docs/codes.md (docs/codes.py writes it) and is stable: scripts act on it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from deis_pay.core import errors
from deis_pay.core.notices import Notice, Param
from deis_pay.i18n.language import day, either, num, tr
from deis_pay.rules.models import HISTORY_FIELDS

if TYPE_CHECKING:
    from deis_pay.rules.models import Aid

R = TypeVar("R")

TEMPLATES: dict[str, str] = {
    # --- values typed by the user (core/values.py, input/text.py, check_contract, Employer)
    "empty_date": "{field} : valeur vide, une date est attendue (2005-05-10 ou 10/05/2005)",
    "not_a_date": "{field} : « {value} » n'est pas une date (attendu 2005-05-10 ou 10/05/2005)",
    "date_out_of_range": "{field} : « {value} », une date entre {first} et {last} est attendue",
    "no_such_day": "{field} : « {value} » n'existe pas dans le calendrier",
    "two_digit_year": "{field} : « {value} », l'année s'écrit avec ses quatre chiffres ; "
    "vouliez-vous dire {suggested} ?",
    "month_day_swapped": "{field} : « {value} » n'existe pas dans le calendrier, mois {month} "
    "impossible ; vouliez-vous dire {swapped} ?",
    "empty_amount": "{field} : valeur vide, un montant en euros est attendu (2100,50)",
    "not_an_amount": "{field} : « {value} » n'est pas un montant (attendu 2100,50)",
    "amount_not_positive": "{field} : {value} €, un montant strictement positif est attendu",
    "amount_negative": "{field} : {value} €, un montant de 0 ou plus est attendu",
    "amount_too_large": "{field} : {value} €, un montant d'au plus {limit} € est attendu",
    "too_many_decimals": "{field} : {value}, un montant en euros a au plus deux décimales",
    "not_a_rate": "{field} : « {value} » n'est pas un taux en % (attendu 2,08)",
    "rate_out_of_range": "{field} : {value} %, un taux entre 0 et 100 est attendu",
    "rate_too_many_decimals": "{field} : {value} %, un taux a au plus {decimals} décimales",
    "not_an_integer": "{field} : « {value} » n'est pas {expected}",
    "integer_too_large": "{field} : « {value} », trop grand pour {expected}",
    "integer_out_of_range": "{field} : {value}, un nombre de {low} à {high} est attendu",
    "not_a_flag": "{field} : « {value} », oui ou non est attendu",
    "unknown_choice": "{field} : « {value} » inconnu, choisir {choices}",
    "wrong_type": "{field} : valeur de type {kind} ; attendu : {expected}",
    # --- the command line itself (usage.py): click's usage errors, an option given twice
    "option_repeated": "l'option {field} est donnée {count} fois ({values}) : une seule valeur "
    "est possible",
    "missing_option": "option {field} manquante",
    "missing_argument": "argument {field} manquant",
    "unknown_option": "option inconnue : {field}",
    "unknown_option_close": "option inconnue : {field} ; vouliez-vous dire {choices} ?",
    "option_needs_value": "l'option {field} attend une valeur",
    "option_takes_no_value": "l'option {field} ne prend pas de valeur",
    "extra_arguments": "argument(s) en trop : {values}",
    "number_split": "argument(s) en trop : {values} ; un nombre s'écrit sans espace : "
    "{field} {joined}",
    "unknown_command": "commande inconnue : {command} ; choisir {choices}",
    "unknown_command_close": "commande inconnue : {command} ; vouliez-vous dire {choices} ?",
    "missing_command": "commande manquante",
    "usage_error": "ligne de commande invalide : {error}",
    # --- the contract (check_contract)
    "cycle_start_year_out_of_range": "{field} : année du cycle {year}, choisir 1, 2 ou 3",
    "end_and_months": "donner la fin du contrat ou sa durée en mois, pas les deux",
    "months_not_positive": "durée de {months} mois : un nombre de mois positif est attendu",
    "months_over_maximum": "durée de {months} mois : plus de 4 ans, la durée maximale "
    "({most} mois)",
    "start_before_2019": "début du contrat le {start} : les contrats conclus avant le 01/01/2019 "
    "relevaient d'une autre grille, non prise en charge",
    "start_too_late": "début du contrat le {start} : après le {last}, trop loin des données "
    "(vérifiées jusqu'au {verified}) pour une projection",
    "start_before_smic": "début du contrat le {start} : SMIC de {territory} inconnu avant le "
    "{first}",
    "end_before_start": "la fin du contrat ({end}) précède son début ({start})",
    "birth_after_start": "date de naissance ({birth}) postérieure au début du contrat ({start})",
    "contract_over_4_years": "contrat du {start} au {end} : plus de 4 ans, la durée maximale "
    "(fin au plus tard le {longest})",
    # --- the apprentice's history (History, check_history)
    "not_a_history": "{field} : {value}, une valeur History est attendue",
    "previous_contract_incomplete": "{field} : le contrat précédent se donne par son début et "
    "sa fin",
    "previous_start_before_2019": "{field} : contrat précédent commencé le {start}, avant le "
    "01/01/2019 (autre grille, non prise en charge) ; donner plutôt le % payé à sa fin",
    "previous_end_not_before_start": "{field} : le contrat précédent finit le {end}, pas avant "
    "le début de celui-ci ({start})",
    "previous_end_before_previous_start": "{field} : fin du contrat précédent le {end}, avant "
    "son début ({other} : {start})",
    "previous_start_too_young": "{field} : contrat précédent commencé le {start}, avant les "
    "{age} ans de l'apprenti (né(e) le {birth}) : impossible",
    "needs_previous_contract": "{field} : seulement avec le contrat précédent (son début et sa "
    "fin)",
    "previous_percent_out_of_range": "{field} : {value} %, un pourcentage du SMIC de plus de 0 "
    "et d'au plus 200 est attendu",
    "previous_percent_decimals": "{field} : {value} %, un pourcentage a au plus deux décimales",
    "previous_diploma_years_out_of_range": "{field} : {value}, une durée de 1, 2 ou 3 ans est "
    "attendue",
    "same_level_related_over_12_months": "{field} : contrat du {start} au {end}, plus de 12 "
    "mois : la majoration de 15 points ne vaut que pour un contrat d'un an au plus "
    "(art. D6222-30)",
    "same_level_related_without_duration": "{field} : la durée du diplôme précédent est à "
    "donner (durée en années, ou le contrat précédent), art. D6222-30",
    "needs_same_level_related": "{field} : seulement avec la majoration de 15 points "
    "(diplôme de même niveau en rapport direct, art. D6222-30)",
    "prolongation_out_of_range": "{field} : prolongation jusqu'au {day}, après la fin du "
    "contrat ({end}) et au plus un an après (le {latest} au plus tard) est attendue "
    "(art. L6222-11)",
    "needs_prolongation": "{field} : seulement avec une prolongation (sa date de fin)",
    # --- net pay and employer cost
    "signed_before_known_rules": "{field} : contrat conclu le {day}, avant les règles connues "
    "({first})",
    "signed_after_start": "{field} : contrat conclu le {signed}, après son début ({start})",
    "net_above_band_1": "net non calculé : {amount} € au-dessus de l'exonération dépassent le "
    "plafond de la tranche 1 ({ceiling} €), non pris en charge",
    "contributions_not_for_mayotte": "Mayotte a ses propres taux de cotisations : net et coût "
    "employeur non pris en charge",
    "employer_rates_unknown": "cotisations patronales : taux connus à partir du {first}, pas le "
    "{day}",
    "health_employer_share_below_half": "{field} : {share} %, l'employeur paie au moins 50 % de "
    "la complémentaire santé (art. L911-7 CSS)",
    "health_cover_share_too_high": "{field} : part employeur de {amount} € au-delà de {limit} € "
    "par mois (6 % du plafond de la sécurité sociale), non prise en charge",
    # --- grid and SMIC views
    "smic_unknown": "{field} : aucun SMIC connu pour {territory} le {day} (données à partir du "
    "{first})",
    "grid_before_2019": "{field} : {day}, les contrats conclus avant le 01/01/2019 relevaient "
    "d'une autre grille, non prise en charge",
    # --- the command line and files
    "signed_needs_net": "{field} : seulement avec --net",
    "health_share_needs_cover": (
        "{field} : seulement avec la complémentaire santé (--health-cover, colonne health_cover)"
    ),
    "table_has_no_output": "-o : pour un tableau, utiliser --svg ou --html (ou choisir --format)",
    "copy_needs_table": (
        "{field} : copie du tableau affiché, avec --format table seulement (un rapport : "
        "--format html -o FICHIER)"
    ),
    "xlsx_needs_output": "--format xlsx : le fichier est à donner avec -o FICHIER.xlsx",
    "cannot_write": "{field} : {path} impossible à écrire ({error})",
    "same_file": "{field} : {path} est aussi le fichier lu ({input}), choisir un autre fichier",
    "same_output": "{field} : {path} est déjà la sortie de {other}, choisir un autre fichier",
    "input_not_found": "{field} : {path} introuvable",
    "input_is_folder": "{field} : {path} est un dossier, un fichier est attendu",
    "stdin_closed": "{field} : l'entrée standard est fermée, rien à lire (donner un fichier)",
    "stdout_closed": "la sortie standard est fermée : rien n'est écrit (la rediriger vers un "
    "fichier, ou -o FICHIER)",
    "data_folder_not_found": "{field} : {path} n'est pas un dossier (un dossier de fichiers "
    "TOML ajoutés aux données est attendu)",
    "input_unreadable": "{field} : {path} illisible ({error})",
    "workers_out_of_range": "{field} : {count}, de 1 à {most} processus (le nombre de "
    "processeurs) est attendu",
    # --- batch files
    "empty_file": "fichier vide : une ligne d'en-tête est attendue (id,birth_date,…)",
    "header_not_utf8": "en-tête illisible : octets non UTF-8 (le fichier doit être en UTF-8)",
    "header_cp1252": "en-tête illisible en UTF-8, lisible en Windows-1252 (« {header} ») : un "
    "export Windows se lit avec --encoding cp1252",
    "unknown_columns": "colonnes inconnues : {unknown} (colonnes possibles : {known}) ; les lire "
    "avec --columns nom=en-tête, ou les ignorer avec --ignore-columns ou --ignore-unknown-columns",
    "ignored_column_known": "--ignore-unknown-columns n'ignore pas un en-tête qui ressemble à une "
    "colonne connue : {pairs} ; le lire avec --columns (colonne=en-tête) ou le nommer dans "
    "--ignore-columns",
    "missing_columns": "colonnes obligatoires absentes : {names}",
    "duplicate_columns": "colonnes en double : {names} (en-têtes {headers}) ; en garder un, ou "
    "nommer l'autre dans --ignore-columns",
    "not_utf8": "ligne {line} : octets non UTF-8 (le fichier doit être en UTF-8, ou son encodage "
    "donné : --encoding cp1252 pour un export Windows)",
    "paid_file_line_not_utf8": "ligne {line} : octets non UTF-8 (le fichier doit être en UTF-8)",
    "values_syntax": "{field} : « {value} », attendu colonne:texte=valeur;… (grid:CCN 66=sssms;"
    "Syntec=general) ou une table [values.grid] dans le fichier .toml de --columns",
    "values_not_categorical": "{field} : « {column} » n'a pas de liste de valeurs ; --values "
    "s'applique à {choices}",
    "values_bad_target": "{field} : {column} : « {value} » n'est pas une valeur de {column} "
    "(choisir {choices})",
    "value_not_mapped": "{field} : « {value} » n'est ni dans les valeurs données pour {field} "
    "(--values : {mapped}) ni une valeur connue ({choices})",
    "not_utf8_argument": "{option} : « {value} » contient des octets qui ne sont pas de "
    "l'UTF-8 (un texte lisible est attendu)",
    "not_text": "ligne {line} : {key} contient un caractère qui n'est pas du texte (moitié "
    "de paire UTF-16 isolée : {value})",
    "with_months_needs_jsonl": "{field} : avec --detail months, le net et le coût se lisent en "
    "JSON lines (--out-format jsonl), pas en CSV",
    "employer_options_need_with": "{field} : les options de l'employeur ne servent qu'avec "
    "--with net ou --with cost",
    # --- batch: the pay file of --paid-file (its other errors: those of check's pay file)
    "batch_paid_file_empty": "{field} : {path} est vide : une ligne d'en-tête est attendue "
    "(id,month,gross,absence ou id;mois;brut;absence)",
    "batch_paid_file_missing_columns": "{field} : {path}, colonnes obligatoires absentes : "
    "{names} (id, month ou mois, gross ou brut)",
    "batch_paid_file_unknown_columns": "{field} : {path}, colonnes inconnues : {unknown} "
    "(colonnes possibles : id, month ou mois, gross ou brut, absence)",
    "batch_paid_months_needs_jsonl": "{field} : avec --detail months, la vérification de la "
    "paie se lit en JSON lines (--out-format jsonl), pas en CSV",
    "batch_today_needs_paid_file": "{field} : le jour de la demande ne sert qu'avec --paid-file "
    "(ce qui peut encore être réclamé ce jour-là)",
    # --- compare: its scenarios
    "scenario_counts_differ": "{fields} répétées {counts} fois : chaque option répétée donne "
    "une valeur par scénario, toutes doivent l'être autant de fois",
    "compare_needs_two": "un seul scénario, rien à comparer : répéter une option, une valeur "
    "par scénario (--birth 14/03/2003 --birth 20/05/2006), ou ne pas donner --grid",
    "labels_count": "{field} : donné {labels} fois pour {scenarios} scénarios, une fois par "
    "scénario est attendu",
    "employer_options_need_cost": "{field} : les options de l'employeur ne servent qu'avec --cost",
    # --- compare: what sets a scenario apart (its default name)
    "scenario_birth_date": "né(e) le {value}",
    "scenario_start": "début le {value}",
    "scenario_end": "fin le {value}",
    "scenario_smc": "SMC de {value} €",
    "scenario_signed": "conclu le {value}",
    "scenario_grid_general": "grille légale",
    "scenario_grid_sssms": "grille SSSMS",
    "scenario_territory_metropole": "métropole",
    "scenario_territory_mayotte": "Mayotte",
    "scenario_kind_private": "employeur privé",
    "scenario_kind_association": "association",
    "scenario_kind_public": "employeur public",
    "scenario_headcount": "{value} salariés",
    "scenario_months": "{value} mois",
    "scenario_cycle_start_year": "entrée en année {value}",
    "scenario_health_cover": "complémentaire de {value} €",
    "scenario_atmp_rate": "AT/MP {value} %",
    "scenario_diploma_level": "diplôme de niveau {value}",
    # --- what a history changes (schedule, the guided mode)
    "history_effect_previous": "sans le contrat précédent : {total_without} € ; avec : "
    "{total_with} €, soit {difference} € de plus sur le contrat",
    "history_effect_same_level": "sans le diplôme de même niveau : {total_without} € ; avec : "
    "{total_with} €, soit {difference} € de plus sur le contrat",
    "history_effect_licence_pro": "sans la licence professionnelle : {total_without} € ; avec : "
    "{total_with} €, soit {difference} € de plus sur le contrat",
    "history_effect_history": "sans le parcours donné (contrat précédent, diplôme, licence "
    "professionnelle) : {total_without} € ; avec : {total_with} €, soit {difference} € de plus "
    "sur le contrat",
    "scenario_previous_contract": "contrat précédent du {start} au {end}",
    "scenario_previous_none": "sans contrat précédent",
    "scenario_previous_grid_general": "contrat précédent en grille légale",
    "scenario_previous_grid_sssms": "contrat précédent en grille SSSMS",
    "scenario_previous_cycle_start_year": "contrat précédent entré en année {value}",
    "scenario_previous_percent": "contrat précédent payé {value} % du SMIC",
    "scenario_previous_diploma_years": "diplôme précédent en {value} ans",
    "scenario_prolonged_to": "prolongé jusqu'au {value}",
    "scenario_prolongation_exam": "prolongé après un échec à l'examen",
    "scenario_prolongation_rqth": "prolongé pour RQTH",
    "scenario_mobility_rate": "versement mobilité {value} %",
    "scenario_health_employer_share": "part employeur de la complémentaire {value} %",
    "scenario_work_study_share": "{value} % d'alternants",
    "scenario_option": "{field} {value}",
    "scenario_option_none": "sans {field}",
    "scenario_number": "scénario {number}",
    "undecodable_bytes": "ligne {line} : octets illisibles en {encoding} (choisir --encoding)",
    "duplicate_keys": "ligne {line} : plusieurs clés pour une même colonne : {keys}",
    "columns_syntax": "{field} : « {value} », attendu nom=en-tête,… (birth_date=Date de "
    "naissance) ou un fichier .toml avec une table [columns]",
    "malformed_csv": "lignes {first} à {last} : CSV mal formé ({error})",
    "malformed_csv_line": "ligne {line} : CSV mal formé ({error})",
    "wrong_field_count": "ligne {line} : {count} champs au lieu de {expected}",
    "invalid_json": "ligne {line} : JSON invalide ({error})",
    "not_a_json_object": "ligne {line} : un objet JSON est attendu",
    "unknown_keys": "ligne {line} : clés inconnues : {keys}",
    "not_text_or_number": "ligne {line} : {keys} : un texte ou un nombre est attendu",
    "record_too_large": "ligne {line} : plus de {limit} caractères, ce n'est pas un contrat ; "
    "ligne non lue",
    "empty_id": "{field} : valeur vide, un identifiant est attendu",
    "internal_error": "erreur interne ({error}) : c'est un bogue de deis-pay, merci de le "
    "signaler avec la commande lancée (DEIS_PAY_DEBUG=1 affiche le détail)",
    # --- warnings of a schedule
    "age_under_16": "{age} ans au début du contrat : avant 16 ans, l'apprentissage n'est ouvert "
    "que par exception (15 ans ayant terminé la classe de 3e, art. L6222-1) ; payé comme un "
    "moins de 18 ans",
    "age_over_29": "{age} ans au début du contrat : au-delà de 29 ans, l'apprentissage n'est "
    "ouvert que par exception (RQTH, projet de création d'entreprise, sportif de haut niveau…, "
    "art. L6222-2)",
    "contract_under_6_months": "contrat de moins de 6 mois : en dessous de la durée minimale "
    "(art. L6222-7-1), sauf exceptions prévues par l'art. L6222-12-1",
    "contract_over_3_years": "contrat de plus de 3 ans : possible seulement pour un apprenti "
    "reconnu travailleur handicapé (RQTH, jusqu'à 4 ans, art. R6222-46) ; la 4e année est "
    "payée au taux de la 3e année majoré de 15 points (art. R6222-48)",
    "contract_type_other_employer": "type de contrat 22 (contrat précédent chez un autre "
    "employeur) ; 21 s'il était chez le même employeur (--previous-percent dit alors ce qu'il "
    "payait)",
    "rqth_extension_above_100": "{percent} % du SMIC à partir du {since} : la majoration de 15 "
    "points de l'art. R6222-48 est appliquée telle que le texte la donne, sans le plafond de "
    "100 % de l'art. D6222-31, qui ne vise que les majorations de sa sous-section",
    "grid_note": "{note}",
    "smc_without_effect": "SMC sans effet : il n'est retenu qu'à partir de 21 ans et seulement "
    "s'il dépasse le SMIC, ce qui n'arrive à aucun moment de ce contrat",
    "data_overlay": "données de deis-pay complétées par le dossier {path} (empreinte {digest})",
    "projected_months": "données vérifiées jusqu'au {verified} : les mois suivants sont des "
    "projections au dernier SMIC connu ({hourly} €/h depuis le {since})",
    # --- what was assumed (rules/assumptions.py)
    "default_contract": "contrat par défaut : {programme} ({provider}), rentrée du {start} au "
    "{end} ; --start et --end pour le vôtre",
    "default_contract_started": "le contrat par défaut a commencé le {start} : pour un contrat "
    "qui commence plus tard, donnez --start (et --end, ou --months)",
    "end_derived": "fin le {end} : la durée du programme par défaut, {programme}, {months} mois "
    "; --end ou --months pour la vôtre",
    # A blank cell of a contracts file that took a default (batch/lines.py): a note, in the
    # record's `notices` and its CSV `defaults` (the cell was left blank on purpose, mostly).
    "default_used": "{field} vide : {value} par défaut",
    "default_atmp_rate": "taux AT/MP : le taux moyen de l'année ({rate} % au {day}), faute du "
    "taux notifié à l'employeur ; --atmp-rate pour le sien",
    "default_headcount": "effectif : {headcount} salariés par défaut (réduction générale, aide à "
    "l'embauche, participation) ; --headcount pour le vôtre",
    "default_diploma_level": "niveau du diplôme : {level} par défaut, celui du {programme} (aide "
    "à l'embauche, participation) ; --diploma-level pour le vôtre",
    # --- the driving-licence aid
    "licence_aid_window": "demande possible du {first} au {last} : apprenti d'au moins {age} "
    "ans, contrat en cours, demande faite au plus tard le {deadline}",
    "licence_aid_ended": "contrat commencé après la fin de l'aide (demandes possibles jusqu'au "
    "{deadline})",
    "licence_aid_not_yet": "contrat terminé avant la création de l'aide ({first})",
    "licence_aid_adult_after_end": "{age} ans le {birthday}, après la fin du contrat",
    "licence_aid_adult_after_aid": "{age} ans le {birthday}, après la fin de l'aide (demandes "
    "possibles jusqu'au {deadline})",
    # --- the employer: hiring aid, notes, warnings
    "hiring_aid_private_only": "réservée aux employeurs de droit privé",
    "hiring_aid_unknown": "règles inconnues pour un contrat conclu le {day}, non comptée",
    "hiring_aid_rqth": "apprenti reconnu travailleur handicapé (RQTH)",
    "hiring_aid_level": "diplôme de niveau {level} : hors des niveaux aidés (jusqu'au niveau "
    "{up_to})",
    "hiring_aid_under_250": "employeur de moins de 250 salariés",
    "hiring_aid_250_with_work_study": "250 salariés ou plus, alternants à 5 % de l'effectif au "
    "moins",
    "hiring_aid_250_without_work_study": "250 salariés ou plus : aide liée à 5 % d'alternants "
    "dans l'effectif",
    "hiring_aid_250_level": "250 salariés ou plus : pas d'aide pour ce niveau de diplôme",
    "hiring_aid_unique": "aide unique : employeur de moins de 250 salariés, diplôme couvert",
    "hiring_aid_unique_rqth": "aide unique, apprenti reconnu travailleur handicapé (RQTH)",
    "hiring_aid_unique_headcount": "aide unique seule en vigueur pour ce contrat, réservée aux "
    "employeurs de moins de {below} salariés",
    "hiring_aid_unique_level": "aide unique seule en vigueur pour ce contrat : diplôme de "
    "niveau {level}, elle ne couvre que jusqu'au niveau {up_to} (niveau 5 outre-mer)",
    "hiring_aid_unique_level_overseas": "aide unique seule en vigueur pour ce contrat : "
    "diplôme de niveau {level}, elle ne couvre que jusqu'au niveau {up_to} outre-mer",
    "hiring_aid_started_too_late": "aide exceptionnelle ({source}) non due : contrat commencé "
    "le {start}, elle ne vaut que pour un contrat commencé avant le {before} ; reste l'aide "
    "unique, à ses conditions",
    "hiring_aid_exceptional_may_follow": "contrat conclu après le {last} : seule l'aide unique "
    "est prévue à ce jour ; une aide exceptionnelle peut encore être créée par décret, comme "
    "en 2026 (décret 2026-168 du 6 mars)",
    "public_employer": "Employeur public : l'apprenti relève de l'IRCANTEC, l'employeur est "
    "exonéré de la plupart des cotisations patronales et l'État prend en charge d'autres "
    "cotisations (art. L6227-8-1 et L6243-3 du code du travail). Le net et les cotisations "
    "patronales ne sont pas calculés : deis-pay n'a pas de taux vérifiés pour ce régime.",
    "training_cost_on_quote": "Coût de la formation : sur devis du CFA (pas de prise en charge "
    "par un OPCO).",
    "training_cost_opco": "Coût de la formation : pris en charge par l'OPCO de l'employeur, "
    "moins la participation de l'employeur quand elle est due.",
    "association_payroll_tax": "Association non assujettie à la TVA, plus de {most} salariés : "
    "taxe sur les salaires non comptée ; la part du salaire de l'apprenti égale à {percent} % "
    "du SMIC en est exonérée (art. 231 bis I CGI), le reste y est soumis à un taux qui dépend "
    "de toute la masse salariale et de l'abattement annuel.",
    "association_payroll_tax_exempt": "Association de {most} salariés au plus : le salaire de "
    "l'apprenti est exonéré de taxe sur les salaires (art. 231 bis I CGI).",
    "overseas_mainland_rates": "Outre-mer : cotisations calculées aux taux de la métropole, "
    "sans les exonérations propres à l'outre-mer (LODEOM) ; seule l'aide unique tient compte "
    "du territoire (diplômes jusqu'au niveau 5, art. L6522-4).",
    "health_cover_not_counted": "Complémentaire santé non comptée (--health-cover 0) : "
    "l'employeur en doit une et en paie au moins la moitié (art. L911-7 CSS).",
    "employer_weeks_unknown": "Coût par semaine en entreprise non calculé pour l'année {years} : "
    "le programme n'a pas d'alternance connue au-delà",
    "employer_weeks_not_programme": "Coût par semaine en entreprise non calculé : la seule "
    "alternance connue est celle du {programme}, rentrée du {start} ({weeks} semaines en "
    "entreprise par année) ; --employer-weeks donne celle de ce contrat, une valeur par année "
    "de contrat ({years}).",
    "employer_weeks_missing": "Coût par semaine en entreprise non calculé pour l'année {years} : "
    "--employer-weeks n'en donne pas les semaines (une valeur par année de contrat)",
    "employer_weeks_too_many": "{field} : {count} valeurs pour {years} années de contrat (du "
    "{start} au {end}) : une valeur au plus par année de contrat est attendue",
    "employer_weeks_empty": "{field} : les semaines en entreprise de chaque année de contrat "
    "sont attendues, séparées par des virgules (32,42,25)",
    "aids_at_programme_level": "aides calculées pour un diplôme de niveau {level}, celui du "
    "{programme}, --diploma-level n'étant pas donné : aide à l'embauche de {aid} €, "
    "participation à la formation de {participation} € ; au niveau 3, l'aide serait de "
    "{aid_3} €, au niveau 4 de {aid_4} €, au niveau 5 de {aid_5} €, avec une participation de "
    "{participation_low} €",
    # --- checking what was paid (check.py)
    "not_a_month": "{field} : « {value} » n'est pas un mois (attendu 09/2025 ou 2025-09)",
    "absence_without_paid": "{field} : mois {month} marqué absent sans montant payé (--paid "
    "{month}=MONTANT)",
    "paid_month_outside": "mois payé {month} hors du contrat (de {first} à {last})",
    "paid_month_twice": "mois payé {month} donné deux fois",
    "paid_negative": "mois payé {month} : {value} €, un montant de 0 ou plus est attendu",
    "paid_too_large": "mois payé {month} : {value} €, un brut mensuel d'au plus {limit} € est "
    "attendu",
    "not_a_paid_month": "{field} : « {value} », attendu MM/AAAA=MONTANT (09/2025=774,78) ou "
    "AAAA-MM=MONTANT",
    "claim_time_barred": "contrat terminé le {end} : depuis le {until}, plus rien ne peut être "
    "réclamé (prescription de trois ans, art. L3245-1 du code du travail)",
    "claim_months_barred": "{months} mois payés en dessous du minimum tombent avant le {first} : "
    "{amount} € au-delà de trois ans, qui ne peuvent plus être réclamés (art. L3245-1)",
    "overpaid_not_netted": "{overpaid} € payés en plus certains mois : montrés à part, non déduits "
    "du manque",
    "absence_not_judged": "{months} mois avec une absence, non jugés : le minimum d'un mois "
    "d'absence dépend de ce qui a été payé ou non (congé sans solde, maladie…), à vérifier sur le "
    "bulletin",
    "paid_after_today": "{months} mois payés après le {today} : comptés, mais leur salaire n'était "
    "pas encore dû ce jour-là",
    "nothing_paid_given": "aucun mois payé donné (--paid ou --paid-file) : seul le dû est montré",
    "claim_window_rule": "réclamable : les salaires dus du {first} au {last}, le salaire d'un mois "
    "étant dû le dernier jour du mois (art. L3245-1 : trois ans)",
    # --- the pay file of check (input/payslips.py), worded as the batch's file errors
    "paid_file_not_found": "{field} : {path} introuvable",
    "paid_file_is_folder": "{field} : {path} est un dossier, un fichier est attendu",
    "paid_file_unreadable": "{field} : {path} illisible ({error})",
    "paid_file_not_table": "{field} : {path} n'est ni un fichier CSV ni un classeur .xlsx",
    "paid_file_too_large": "{field} : {path} trop grand : au plus {limit} lignes sont attendues, "
    "une par mois payé",
    "paid_file_empty": "{field} : {path} est vide : une ligne d'en-tête est attendue "
    "(month,gross,absence ou mois;brut;absence)",
    "paid_file_no_months": "{field} : {path} ne donne aucun mois : une ligne par mois payé est "
    "attendue sous l'en-tête",
    "paid_file_missing_columns": "{field} : {path}, colonnes obligatoires absentes : {names} "
    "(month ou mois, gross ou brut)",
    "paid_file_unknown_columns": "{field} : {path}, colonnes inconnues : {unknown} (colonnes "
    "possibles : month ou mois, gross ou brut, absence)",
    "paid_file_duplicate_columns": "{field} : {path}, colonnes en double : {names}",
    "paid_file_malformed": "{field} : {path}, ligne {line} : CSV mal formé ({error})",
    "paid_file_field_count": "{field} : {path}, ligne {line} : {count} champs au lieu de "
    "{expected}",
    "paid_file_bad_month": "{field} : {path}, ligne {line} : « {value} » n'est pas un mois "
    "(attendu 09/2025 ou 2025-09)",
    "paid_file_bad_amount": "{field} : {path}, ligne {line} : « {value} » n'est pas un brut de "
    "0 € ou plus (attendu 774,78)",
    "paid_file_bad_absence": "{field} : {path}, ligne {line} : absence « {value} », attendu oui "
    "ou non (oui, yes, x, 1, true ; vide, non, no, 0, false)",
    "paid_file_month_twice": "{field} : {path}, ligne {line} : mois {month} déjà donné ligne "
    "{first}",
    "letter_extension": "{field} : {path}, un fichier .html ou .md est attendu (la lettre en HTML "
    "ou en Markdown)",
}

# The codes of a cost's `notes` (the other notices of a result are its `warnings`).
NOTES = frozenset(
    {
        "public_employer",
        "training_cost_on_quote",
        "training_cost_opco",
        "association_payroll_tax",
        "association_payroll_tax_exempt",
        "overseas_mainland_rates",
        "health_cover_not_counted",
        "employer_weeks_not_programme",
        "default_used",
        "default_atmp_rate",
        "default_headcount",
        "default_diploma_level",
    }
)

# What `parse_int` expected, by the code it was given.
EXPECTED = {
    "months": "un nombre de mois",
    "cycle_year": "1, 2 ou 3",
    "headcount": "un nombre de salariés",
    "diploma_level": "un niveau de diplôme (3 à 8)",
    "weeks": "un nombre de semaines (0 à 53)",
    "workers": "un nombre de processus",
    "diploma_years": "une durée en années (1, 2 ou 3)",
    "integer": "un nombre entier",
    # What a library value of a wrong type should have been (code wrong_type).
    "int_or_text": "un entier (int ou texte : « 180 »)",
    "amount": "un montant (Decimal, int, float ou texte : « 2100,50 »)",
    "rate": "un taux en % (Decimal, int, float ou texte : « 2,08 »)",
    "number": "un nombre (Decimal, int, float ou texte : « 72,5 »)",
    "date": "une date (date, datetime ou texte : « 2005-05-10 »)",
    "flag": "oui ou non (bool ou texte : « oui »)",
    "choice": "un texte (str)",
    "Employer": "un Employer (deis_pay.Employer)",
    "Schedule": "un Schedule (deis_pay.compute_schedule)",
    "scenarios": "des ScenarioSpec, des contrats (deis_pay.check_contract) ou des Schedule",
}

# The command line's name of each field (the batch and the library use the field's own name).
CLI_OPTIONS = {
    "birth_date": "--birth",
    "start": "--start",
    "end": "--end",
    "months": "--months",
    "grid": "--grid",
    "smc": "--smc",
    "territory": "--territory",
    "cycle_start_year": "--cycle-start-year",
    "signed": "--signed",
    "at": "--at",
    "today": "--today",
    "paid": "--paid",
    "absence": "--absence",
    "paid_file": "--paid-file",
    "letter": "--letter",
    "kind": "--employer",
    "headcount": "--headcount",
    "atmp_rate_percent": "--atmp-rate",
    "mobility_rate_percent": "--mobility-rate",
    "health_cover": "--health-cover",
    "health_employer_share_percent": "--health-employer-share",
    "work_study_share_percent": "--work-study-share",
    "diploma_level": "--diploma-level",
    "employer_weeks": "--employer-weeks",
    "rqth": "--rqth",
    "overseas": "--overseas",
    "data": "--data",
    "format": "--format",
    "lang": "--lang",
    "output": "-o",
    "svg": "--svg",
    "html": "--html",
    "input": "INPUT",
    "in_format": "--in-format",
    "out_format": "--out-format",
    "detail": "--detail",
    "workers": "--workers",
    "with": "--with",
    "label": "--label",
    "columns": "--columns",
    "values": "--values",
    "encoding": "--encoding",
    **{name: "--" + name.replace("_", "-") for name in HISTORY_FIELDS},
}


# A scenario's name says its fields in words, never as options (`sans --prolonged-to`): the
# `{field}` of its `scenario_option` and `scenario_option_none` notices (the others name none).
SCENARIO_WORDS = {
    "smc": "SMC",
    "atmp_rate_percent": "taux AT/MP donné",
    "previous_start": "contrat précédent",
    "previous_end": "contrat précédent",
    "previous_grid": "grille du contrat précédent",
    "previous_cycle_start_year": "année d'entrée du contrat précédent",
    "previous_percent": "% du SMIC du contrat précédent",
    "previous_diploma_years": "durée du diplôme précédent",
    "same_level_related": "diplôme de même niveau en rapport direct",
    "licence_pro": "licence professionnelle",
    "prolonged_to": "prolongation",
    "prolongation_reason": "motif de la prolongation",
    "rqth": "RQTH",
    "overseas": "outre-mer",
}


def scenario_words() -> dict[str, str]:
    """SCENARIO_WORDS in the current language."""
    return {name: tr(words) for name, words in SCENARIO_WORDS.items()}


def say(notice: Notice, labels: Mapping[str, str] | None = None) -> str:
    """The sentence of a notice in the current language; its field named through `labels`."""
    if notice.code == "grid_note":  # the data's own text (grids.toml)
        return tr(str(notice.params["note"]))
    template = TEMPLATES.get(notice.code)
    if template is None:  # a code without a sentence is a bug: still say something useful
        return notice.code
    field = notice.field or ""
    values = {name: _shown(name, value) for name, value in notice.params.items()}
    named = labels.get(field, field) if labels is not None else field
    values["field"] = one_line(named)  # an unknown option, as typed
    if isinstance(fields := notice.params.get("fields"), tuple):  # several fields, each named
        values["fields"] = ", ".join(labels.get(f, f) if labels is not None else f for f in fields)
    if isinstance(other := notice.params.get("other"), str) and labels is not None:
        values["other"] = labels.get(other, other)  # another field, named as its caller knows it
    return tr(template, **values)


def _shown(name: str, value: Param) -> str:
    if isinstance(value, bool):
        return tr("oui") if value else tr("non")
    if isinstance(value, date):
        return day(value)
    if isinstance(value, Decimal):
        return num(value)
    if isinstance(value, tuple):
        items = tuple(one_line(item) for item in value)
        return either(items) if name == "choices" else ", ".join(items)
    if name == "expected" and isinstance(value, str):
        return tr(EXPECTED.get(value, value))
    return "" if value is None else one_line(str(value))


# What would break a message's one line, or not be text at all: the C0 and C1 control
# characters (newline, NEL…), DEL, the Unicode line and paragraph separators, and the lone
# surrogates of bytes that were not UTF-8 (Python's surrogateescape).
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(text: str) -> str:
    """A value typed by the user (or a path, an error from elsewhere) as it is quoted back in a
    message: on one line, each character above shown escaped as Python writes it (`a\\nb`,
    `\\x85`, `\\udcff`), never printed. Every quoted value goes through here."""
    if text.isascii() and text.isprintable():
        return text
    return _NOT_ONE_LINE.sub(lambda match: repr(match.group())[1:-1], text)


def said_aids(aids: tuple[Aid, ...], labels: Mapping[str, str] | None = None) -> tuple[Aid, ...]:
    """The aids with their `name` and `reason` said in the current language (as `spoken`)."""
    return tuple(
        dataclasses.replace(aid, name=tr(aid.name), reason=say(aid.reason_notice, labels))
        for aid in aids
    )


def spoken(result: R, labels: Mapping[str, str] | None = None) -> R:
    """The result with its sentence fields filled from its notices, in the current language:
    `warnings` (and a cost's `notes`), each aid's `name` and `reason`, the default name of
    each scenario of a comparison. Any other value is
    returned as it is. Called by every writer, never cached (the language may change)."""
    if not dataclasses.is_dataclass(result) or isinstance(result, type):
        return result
    names = {f.name for f in dataclasses.fields(result)}
    value: Any = result
    changes: dict[str, Any] = {}
    if "notices" in names:
        notices: tuple[Notice, ...] = value.notices
        changes["warnings"] = tuple(say(n, labels) for n in notices if n.code not in NOTES)
        if "notes" in names:
            changes["notes"] = tuple(say(n, labels) for n in notices if n.code in NOTES)
    if "aids" in names:
        changes["aids"] = said_aids(value.aids, labels)
    if "scenarios" in names:
        changes["scenarios"] = tuple(
            dataclasses.replace(
                scenario,
                label=scenario.label
                or ", ".join(say(part, scenario_words()) for part in scenario.label_notices),
            )
            for scenario in value.scenarios
        )
    if "hiring_aid" in names:
        aid = value.hiring_aid
        changes["hiring_aid"] = dataclasses.replace(aid, reason=say(aid.reason_notice, labels))
    return dataclasses.replace(value, **changes) if changes else result


# InputError's str() says its notice with `say` (deis_pay.core.errors, which cannot import this
# layer above it).
errors.SAY = say
