//! The Part D disclosure on the page: the engine's rows as one table, ready for the report,
//! with its own copy for Excel; it prints with the page and downloads as CSV from the toolbar.

use super::use_lang;
use crate::browser;
use crate::engine::{part_d, Results};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PartDProps {
    pub results: Rc<Results>,
}

#[component]
pub fn PartD(props: &PartDProps) -> Html {
    let lang = use_lang();
    let status = use_state(|| None::<String>);
    let rows = part_d::rows(&props.results);
    if rows.is_empty() {
        return html! {};
    }
    let copy = {
        let (results, status) = (props.results.clone(), status.clone());
        Callback::from(move |_| {
            let status = status.clone();
            browser::copy_text(part_d::tsv(&results, lang), move |r| {
                status.set(Some(match r {
                    Ok(()) => tr!(lang, "Part D table copied: paste it into Excel.").to_string(),
                    Err(e) => e,
                }))
            });
        })
    };
    let mut section = String::new();
    html! {
        <section class="part-d" aria-labelledby="part-d-title" data-testid="part-d">
            <h3 id="part-d-title">{ tr!(lang, "Part D disclosure: climate (HKEX ESG Reporting Code)") }</h3>
            <p class="note">{ tr!(lang, "One table for the report: the scopes, Scope 3 by category with each category's status, the intensities, and the basis of preparation with every factor's source. Printed with the page; “Part D CSV” in the toolbar downloads it.") }</p>
            <p class="part-d-actions">
                <button type="button" class="secondary" data-testid="copy-part-d" onclick={copy}>{ tr!(lang, "Copy Part D for Excel") }</button>
                if let Some(s) = &*status { <span class="note" role="status">{ s }</span> }
            </p>
            <div class="table-wrap">
                <table class="part-d-table">
                    <thead>
                        <tr>
                            <th scope="col">{ tr!(lang, "Item") }</th>
                            <th scope="col" class="num">{ tr!(lang, "As printed") }</th>
                            <th scope="col">{ tr!(lang, "Unit") }</th>
                            <th scope="col">{ tr!(lang, "Basis, reason or source") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|row| {
                            let heading = row.section.render(lang).to_string();
                            let opens = heading != section;
                            section = heading.clone();
                            html! {
                                <>
                                    if opens {
                                        <tr class="part-d-section"><th scope="colgroup" colspan="4">{ heading }</th></tr>
                                    }
                                    <tr data-part-d={row.id.clone()}>
                                        <th scope="row">{ row.item.render(lang) }</th>
                                        <td class="num">{ row.shown.render(lang) }</td>
                                        <td>{ &row.unit }</td>
                                        <td class="how">{ row.note.render(lang) }</td>
                                    </tr>
                                </>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
