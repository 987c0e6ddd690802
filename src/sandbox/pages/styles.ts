/** Just enough CSS for the pages to look like LinkedIn and to scroll like it. */
export const STYLES = `
*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,system-ui,"Segoe UI",Roboto,Arial,sans-serif;background:#f4f2ee;color:rgba(0,0,0,.9);font-size:14px}
a{color:#0a66c2;text-decoration:none}a:hover{text-decoration:underline}
button{font:inherit;cursor:pointer}
button[disabled]{cursor:not-allowed;opacity:.5}
#global-nav{position:sticky;top:0;z-index:10;background:#fff;border-bottom:1px solid #e0dfdc;height:52px}
.global-nav__content{max-width:1128px;margin:0 auto;display:flex;align-items:center;gap:12px;height:100%;padding:0 12px}
.logo{display:inline-block;background:#0a66c2;color:#fff;font-weight:700;border-radius:4px;padding:2px 6px;font-size:20px}
.search-global-typeahead__input{background:#edf3f8;border:0;border-radius:4px;padding:8px 12px;width:280px}
.global-nav__primary-items{display:flex;list-style:none;gap:18px;margin:0;padding:0}
.global-nav__primary-link{background:none;border:0;color:rgba(0,0,0,.6);display:flex;align-items:center;gap:4px;font-size:12px}
.global-nav__me-photo{border-radius:50%}
.scaffold-layout__main{max-width:760px;margin:24px auto;padding:0 12px}
.artdeco-card,.card{background:#fff;border-radius:8px;box-shadow:0 0 0 1px rgba(0,0,0,.08);padding:16px;margin-bottom:12px}
.artdeco-button{border-radius:16px;border:1px solid #0a66c2;background:#fff;color:#0a66c2;padding:4px 14px;font-weight:600}
.artdeco-button--primary{background:#0a66c2;color:#fff}
.artdeco-button--muted{border-color:rgba(0,0,0,.6);color:rgba(0,0,0,.6)}
.artdeco-inline-feedback--error,.ip-fuse-limit-alert{background:#fde8e8;color:#b24020;border-radius:8px;padding:12px 16px;margin-bottom:12px;font-weight:600}
.artdeco-inline-feedback--error p,.ip-fuse-limit-alert h2{margin:0;font-size:14px}
h1{font-size:20px;margin:0 0 8px}
.t-bold{font-weight:600}.t-12{font-size:12px}.t-14{font-size:14px}.t-16{font-size:16px}.t-black--light{color:rgba(0,0,0,.6)}
.birthday-list{list-style:none;margin:0;padding:0}
.birthday-card{display:flex;gap:12px;align-items:flex-start;min-height:132px;background:#fff;border-radius:8px;box-shadow:0 0 0 1px rgba(0,0,0,.08);padding:16px;margin-bottom:12px}
.birthday-card p{margin:2px 0}
.birthday-card__body{flex:1}
.birthday-card__actions{display:flex;flex-direction:column;gap:6px;align-items:flex-end}
.premium-upsell-link{border:0;background:none;color:#915907;font-size:12px}
.artdeco-loader{padding:16px;text-align:center;color:rgba(0,0,0,.6)}
.ad-banner-container{font-size:12px;color:rgba(0,0,0,.6)}
.msg-overlay-list-bubble{position:fixed;right:24px;bottom:0;width:400px;z-index:20}
.msg-overlay-conversation-bubble{background:#fff;border-radius:8px 8px 0 0;box-shadow:0 4px 12px rgba(0,0,0,.3);display:flex;flex-direction:column;max-height:520px}
.msg-thread .msg-overlay-conversation-bubble{border-radius:8px;max-height:none;box-shadow:0 0 0 1px rgba(0,0,0,.08)}
.msg-overlay-bubble-header{display:flex;justify-content:space-between;align-items:center;padding:8px 12px;border-bottom:1px solid #e0dfdc}
.msg-overlay-bubble-header__title{font-size:14px;margin:0}
.msg-overlay-bubble-header button{background:none;border:0;font-size:16px}
.msg-s-message-list-content{list-style:none;margin:0;padding:12px;overflow-y:auto;min-height:160px;max-height:300px}
.msg-s-event-listitem{margin-bottom:10px}
.msg-s-message-group__meta{font-size:12px;color:rgba(0,0,0,.6)}
.msg-s-event-listitem__body,.msg-s-event-listitem p{margin:2px 0;white-space:pre-wrap}
.msg-form{border-top:1px solid #e0dfdc;padding:8px 12px}
.msg-form__msg-content-container [contenteditable]{min-height:64px;background:#f4f2ee;border-radius:6px;padding:8px;outline:none;white-space:pre-wrap}
.msg-form__footer{display:flex;justify-content:flex-end;padding-top:8px}
.msg-form__send-error{color:#b24020;font-weight:600;margin-top:6px}
.loader-overlay{background:#fff;padding:24px;text-align:center;box-shadow:0 4px 12px rgba(0,0,0,.3)}
.search-results{list-style:none;margin:0;padding:0}
.search-result,.reusable-search__result-container{display:flex;gap:12px;align-items:center;background:#fff;padding:12px 16px;border-bottom:1px solid #e0dfdc}
.search-result__info{flex:1}
.artdeco-pagination{display:flex;gap:8px;align-items:center;justify-content:center;margin:16px 0}
.artdeco-pagination__pages{display:flex;gap:4px;list-style:none;margin:0;padding:0}
.artdeco-pagination__indicator--number button{border:0;background:none;padding:4px 8px}
.artdeco-pagination__indicator--number.active button{font-weight:700;border-bottom:2px solid #057642}
.pv-top-card{background:#fff;border-radius:8px;box-shadow:0 0 0 1px rgba(0,0,0,.08);overflow:hidden}
.pv-top-card__banner{height:120px;background:linear-gradient(90deg,#a0b4b7,#dce6f1)}
.ph5{padding:0 24px 24px}
.pv-top-card__photo{border-radius:50%;border:4px solid #fff;margin-top:-60px;width:128px;height:128px}
.text-heading-xlarge{font-size:24px;font-weight:600}
.artdeco-list{list-style:none;margin:0;padding:0}
.artdeco-list__item{display:flex;gap:12px;align-items:center;background:#fff;padding:12px 16px;border-bottom:1px solid #e0dfdc}
.invitation-card__details{flex:1}
.invitation-card__details p,.invitation-card__details time{display:block;margin:2px 0}
.artdeco-modal-overlay{position:fixed;inset:0;background:rgba(0,0,0,.6);display:flex;align-items:center;justify-content:center;z-index:30}
.artdeco-modal{background:#fff;border-radius:8px;width:480px;max-width:90vw}
.artdeco-modal__header,.artdeco-modal__content,.artdeco-modal__actionbar{padding:12px 16px}
.artdeco-modal__header{display:flex;justify-content:space-between;border-bottom:1px solid #e0dfdc}
.artdeco-modal__header h2{margin:0;font-size:18px}
.artdeco-modal__actionbar{display:flex;justify-content:flex-end;gap:8px;border-top:1px solid #e0dfdc}
.artdeco-toast-item{position:fixed;left:24px;bottom:24px;background:#1d2226;color:#fff;padding:12px 16px;border-radius:8px;z-index:40}
.login{max-width:360px;margin:48px auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 4px 12px rgba(0,0,0,.15)}
.login label{display:block;margin-top:12px}
.login input{width:100%;padding:10px;border:1px solid rgba(0,0,0,.6);border-radius:4px}
.login .btn__primary--large{margin-top:16px;width:100%;padding:12px;border-radius:24px;border:0;background:#0a66c2;color:#fff;font-weight:600}
`;
