from django.urls import path

from comments import views

app_name = "comments"

urlpatterns = [
    path("post/<int:article_id>/", views.post_reply, name="post"),
    path("reply/<int:pk>/", views.reply_link, name="reply"),
    path("mine/<int:article_id>/", views.own_replies, name="mine"),
    path("edit/<int:pk>/", views.edit_reply, name="edit"),
    path("delete/<int:pk>/", views.delete_reply, name="delete"),
    path("report/<int:pk>/", views.report_reply, name="report"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
