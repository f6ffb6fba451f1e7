"""Root URLs in no language: one sitemap for both languages, the news sitemap, robots.txt."""

from django.urls import path

from . import sitemaps, views

urlpatterns = [
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
